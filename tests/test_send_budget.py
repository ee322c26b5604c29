"""The bot's own count of what it may send: strict windows and pauses scoped by Telegram's 429."""

from datetime import UTC, datetime, timedelta

from bot.domain.allowance import Allowance
from bot.ui.budget import GROUP_WINDOW, SendBudget

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
GROUP, OTHER_GROUP, PERSON = -100, -200, 42


def test_a_window_is_strict_not_a_bucket_that_refills() -> None:
    allowance = Allowance(3, timedelta(minutes=1))
    for second in (0, 20, 40):
        assert allowance.take(1, T0 + timedelta(seconds=second)) is None
    # A bucket would have refilled by 59 s; the window still holds three until 0 s leaves it.
    assert allowance.take(1, T0 + timedelta(seconds=59)) == timedelta(seconds=1)
    assert allowance.take(1, T0 + timedelta(seconds=60)) is None
    assert allowance.take(2, T0) is None, "each key has its own window"


def test_a_group_gets_twenty_messages_a_minute_and_edits_do_not_count() -> None:
    budget = SendBudget()
    for _ in range(20):
        assert budget.ready_at(GROUP, T0, send=True) == T0
        budget.record_send(GROUP, T0)
    assert budget.ready_at(GROUP, T0, send=True) == T0 + GROUP_WINDOW
    assert budget.ready_at(GROUP, T0, send=False) == T0, "an edit is not a new message"
    assert budget.ready_at(OTHER_GROUP, T0, send=True) == T0
    assert budget.ready_at(PERSON, T0, send=True) == T0


def test_a_groups_429_pauses_that_group_only_from_when_it_came() -> None:
    budget = SendBudget()
    came = T0 + timedelta(seconds=7)
    budget.pause(GROUP, timedelta(seconds=5), came)
    assert budget.ready_at(GROUP, came, send=False) == came + timedelta(seconds=5)
    assert budget.ready_at(OTHER_GROUP, came, send=True) == came
    assert budget.ready_at(PERSON, came, send=True) == came
    assert budget.ready_at(GROUP, came + timedelta(seconds=5), send=True) == came + timedelta(
        seconds=5
    )


def test_a_private_chats_429_pauses_that_chat_only() -> None:
    budget = SendBudget()
    budget.pause(PERSON, timedelta(seconds=2), T0)
    assert budget.ready_at(PERSON, T0, send=True) == T0 + timedelta(seconds=2)
    assert budget.ready_at(43, T0, send=True) == T0
    assert budget.ready_at(GROUP, T0, send=True) == T0


def test_different_chats_refused_in_a_row_are_the_overall_limit_and_pause_everything() -> None:
    budget = SendBudget()
    for offset, chat in enumerate((PERSON, 43, 44)):
        budget.pause(chat, timedelta(seconds=2 + offset), T0)
    for chat in (PERSON, 45, GROUP):
        assert budget.ready_at(chat, T0, send=True) == T0 + timedelta(seconds=4)


def test_a_request_that_goes_through_between_refusals_keeps_them_to_their_chats() -> None:
    budget = SendBudget()
    for chat in (PERSON, 43, 44):
        budget.pause(chat, timedelta(seconds=2), T0)
        budget.answered()
    assert budget.ready_at(45, T0, send=True) == T0
    assert budget.ready_at(44, T0, send=True) == T0 + timedelta(seconds=2)
