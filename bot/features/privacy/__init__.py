"""/privacy, /mydata and /deletemydata: what is stored, all of it shown, and erased on request."""
