"""Every text and keyboard the bot sends is built here; dynamic values are escaped by `html.h`."""
