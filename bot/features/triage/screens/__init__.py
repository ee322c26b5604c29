"""Texts and keyboards of the /kneepain check: `questions` while asking, `outcome` at the end,
and the short notes below for expiry, time-outs, cancelling and groups."""


def expired() -> str:
    return "This question has expired – send /kneepain to start again."


def timed_out() -> str:
    return (
        "This knee check timed out after 30 minutes without an answer, and nothing was kept. "
        "Send /kneepain to start again."
    )


def cancelled() -> str:
    return "Check cancelled; nothing was kept. Send /kneepain whenever you want to start again."


def in_group() -> str:
    return (
        "Knee questions are personal, so I ask them in a private chat. Tap below, then press Start."
    )
