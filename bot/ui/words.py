"""Words every feature says the same way."""


def expired_button() -> str:
    return "This button has expired. Send /help to see what you can do."


def apology() -> str:
    return "Sorry, something went wrong on my side. Please try again in a moment."
