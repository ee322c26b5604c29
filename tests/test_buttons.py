"""Every feature's button families: one prefix each, and data Telegram accepts."""

import importlib
import pkgutil

import pytest

import bot.features
from bot.ui.callback import MAX_CALLBACK_BYTES, Buttons


def _declared() -> tuple[Buttons, ...]:
    for feature in pkgutil.iter_modules(bot.features.__path__):
        if feature.ispkg:
            importlib.import_module(f"bot.features.{feature.name}.handlers")
    return Buttons.registered()


def test_every_feature_with_buttons_declares_them_in_its_buttons_module() -> None:
    owners = {buttons.owner for buttons in _declared()}
    assert owners == {
        f"bot.features.{name}.buttons"
        for name in ("clubs", "library", "privacy", "recovery", "reminders", "settings", "triage")
    }


def test_no_two_families_share_a_prefix() -> None:
    prefixes = [buttons.prefix for buttons in _declared()]
    assert len(prefixes) == len(set(prefixes))
    with pytest.raises(ValueError, match="taken"):
        Buttons(prefixes[0], "a second feature")


def test_a_family_reads_back_only_its_own_data() -> None:
    families = _declared()
    for family in families:
        data = family.data("a", 1)
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert family.parse(data) is not None
        others = [other for other in families if other is not family]
        assert all(other.parse(data) is None for other in others), family.prefix


@pytest.mark.parametrize("data", [None, "", "zzz", "é:1", "cfg:" + "a" * 70, "new::x"])
def test_forged_or_foreign_data_is_no_family_s(data: str | None) -> None:
    for family in _declared():
        if family.prefix != "k":  # signed buttons are judged by their signer (test_callbacks)
            assert family.parse(data) is None
