"""Answers are kept by position in the buttons, so any change to the questions' layout must
change the version their buttons are signed with, and nothing else may."""

from bot.domain.triage.rules import TriageContent


def _with_questions(content: TriageContent, questions: tuple[object, ...]) -> TriageContent:
    return content.model_copy(update={"questions": questions})


def test_the_layout_is_stable_for_the_same_questions(content: TriageContent) -> None:
    copy = _with_questions(content, tuple(content.questions))
    assert copy.layout() == content.layout()


def test_a_new_reordered_or_removed_option_changes_the_layout(
    content: TriageContent,
) -> None:
    first, *rest = content.questions
    options = first.options
    changed = [
        first.model_copy(update={"options": options[::-1]}),
        first.model_copy(update={"options": options[1:]}),
        first.model_copy(
            update={"options": (*options, options[0].model_copy(update={"id": "new"}))}
        ),
    ]
    layouts = {_with_questions(content, (q, *rest)).layout() for q in changed}
    assert len(layouts) == 3 and content.layout() not in layouts
