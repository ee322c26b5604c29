"""/start, /help, unknown commands and free text, the error handler: what every chat meets first."""
