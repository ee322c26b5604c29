"""/report end to end: the runner logs runs by tapping and gets a PDF for their physio."""

import io

import pypdf

from tests.e2e.conftest import World
from tests.e2e.test_recovery import answer_morning, log_run, next_day


async def test_report_sends_a_pdf_of_the_logged_runs(world: World) -> None:
    _, chat = world.private()
    await log_run(world, chat, "3", "30 min")
    next_day(world)
    await answer_morning(world, chat, "2", "Neither")
    await log_run(world, chat, "1", "45 min")
    [document] = await world.driver.send(chat, "/report")
    assert document.document_file is not None
    assert document.document_file.file_name.startswith("knee-coach-log-")
    assert document.text.startswith("📄 Your running log for your physiotherapist: 2 runs")
    reader = pypdf.PdfReader(io.BytesIO(document.document_file.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "2 runs logged by the runner" in text
    assert "30 min 3/10 2/10" in text  # during the run, then the next morning
    assert "45 min 1/10 -" in text  # no morning answer yet
    assert "it is never stored" in text  # what the bot did not record
    assert len(reader.pages[0].images) == 1  # the /progress chart


async def test_report_without_runs_says_how_to_start(world: World) -> None:
    _, chat = world.private()
    [reply] = await world.driver.send(chat, "/report")
    assert reply.document_file is None
    assert "/log" in reply.text
