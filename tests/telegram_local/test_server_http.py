"""The HTTP surface as Telegram has it: routes, encodings, status codes, long polling."""

import asyncio
import json
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.telegram_local import LocalBotApi


@pytest.fixture
async def http(api: LocalBotApi) -> AsyncIterator[httpx.AsyncClient]:
    base = f"http://127.0.0.1:{api.port}"
    async with httpx.AsyncClient(base_url=base, trust_env=False) as client:
        yield client


async def call(
    http: httpx.AsyncClient, api: LocalBotApi, method: str, **params: object
) -> httpx.Response:
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    return await http.post(f"/bot{api.token}/{method}", data=form)


async def test_wrong_token_is_401_and_unknown_method_404(
    api: LocalBotApi, http: httpx.AsyncClient
) -> None:
    response = await http.post("/bot123456:WRONG/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    response = await http.post(f"/bot{api.token}/getMee")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    outside = await http.get("/elsewhere")
    assert outside.status_code == 404
    assert outside.json()["description"] == "Not Found"
    assert api.violations == ["getMee: Bot API 10.1 has no such method"]
    api.violations.clear()


async def test_methods_in_the_spec_but_not_here_say_so(
    api: LocalBotApi, http: httpx.AsyncClient
) -> None:
    response = await call(http, api, "sendDice", chat_id=1)
    assert response.status_code == 400
    assert (
        response.json()["description"]
        == "Bad Request: sendDice is not implemented by the local Bot API"
    )


async def test_method_names_ignore_case_and_bodies_may_be_json_or_query(
    api: LocalBotApi, http: httpx.AsyncClient
) -> None:
    me = (await http.get(f"/bot{api.token}/GETME")).json()
    assert me["ok"] is True
    assert me["result"]["username"] == "KneeCoachBot"
    assert me["result"]["is_bot"] is True
    ann = api.user("Ann")
    dm = api.private_chat(ann)
    await dm.send("hi")
    by_json = await http.post(
        f"/bot{api.token}/sendMessage", json={"chat_id": ann.id, "text": "json"}
    )
    by_query = await http.get(
        f"/bot{api.token}/sendmessage", params={"chat_id": ann.id, "text": "query"}
    )
    assert by_json.json()["result"]["text"] == "json"
    assert by_query.json()["result"]["text"] == "query"
    assert [m.text for m in dm.bot_messages] == ["json", "query"]
    assert [c.method for c in api.calls] == ["getMe", "sendMessage", "sendMessage"]
    assert api.calls[-1].params == {"chat_id": ann.id, "text": "query"}


async def test_errors_carry_telegrams_status_and_parameters(
    api: LocalBotApi, http: httpx.AsyncClient
) -> None:
    api.fail_next("getMe", 429, "Too Many Requests: retry after 3", {"retry_after": 3})
    failed = await call(http, api, "getMe")
    assert failed.status_code == 429
    assert failed.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert (await call(http, api, "getMe")).status_code == 200
    assert [(c.ok, c.error_code) for c in api.calls] == [(False, 429), (True, None)]


async def test_unknown_chat_and_unstarted_private_chat(
    api: LocalBotApi, http: httpx.AsyncClient
) -> None:
    missing = await call(http, api, "sendMessage", chat_id=42, text="hi")
    assert (missing.status_code, missing.json()["description"]) == (
        400,
        "Bad Request: chat not found",
    )
    bob = api.user("Bob")
    api.private_chat(bob)
    silent = await call(http, api, "sendMessage", chat_id=bob.id, text="hi")
    assert silent.status_code == 403
    assert silent.json()["description"] == "Forbidden: bot can't initiate conversation with a user"


async def test_long_polling_returns_as_soon_as_an_update_arrives(
    api: LocalBotApi, http: httpx.AsyncClient
) -> None:
    dm = api.private_chat(api.user("Ann"))
    poll = asyncio.ensure_future(call(http, api, "getUpdates", timeout=10))
    await api.wait_until(lambda: api.long_polling)
    started = time.monotonic()
    message = await dm.send("/start")
    updates = (await poll).json()["result"]
    assert time.monotonic() - started < 2
    assert [u["update_id"] for u in updates] == [message.update_id]
    assert updates[0]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message.update_id is not None
    # Not confirmed until a later call passes a higher offset.
    again = (await call(http, api, "getUpdates")).json()["result"]
    assert [u["update_id"] for u in again] == [message.update_id]
    consumed = asyncio.ensure_future(api.wait_consumed(message.update_id))
    assert (await call(http, api, "getUpdates", offset=message.update_id + 1)).json()[
        "result"
    ] == []
    await consumed


async def test_a_second_poll_ends_the_first_with_409(
    api: LocalBotApi, http: httpx.AsyncClient
) -> None:
    first = asyncio.ensure_future(call(http, api, "getUpdates", timeout=10))
    await api.wait_until(lambda: api.long_polling)
    second = asyncio.ensure_future(call(http, api, "getUpdates", timeout=0))
    conflict = await first
    assert conflict.status_code == 409
    assert conflict.json()["description"].startswith("Conflict: terminated by other getUpdates")
    assert (await second).json() == {"ok": True, "result": []}


async def test_allowed_updates_filter_what_is_queued(
    api: LocalBotApi, http: httpx.AsyncClient
) -> None:
    await call(http, api, "getUpdates", allowed_updates=["callback_query"])
    dm = api.private_chat(api.user("Ann"))
    message = await dm.send("hello")
    assert message.update_id is None
    assert (await call(http, api, "getUpdates")).json()["result"] == []


async def test_a_webhook_blocks_get_updates(api: LocalBotApi, http: httpx.AsyncClient) -> None:
    set_hook = await call(
        http, api, "setWebhook", url="http://127.0.0.1:9/hook", secret_token="s3cret"
    )
    assert set_hook.json() == {"ok": True, "result": True}
    conflict = await call(http, api, "getUpdates")
    assert conflict.status_code == 409
    info = (await call(http, api, "getWebhookInfo")).json()["result"]
    assert info["url"] == "http://127.0.0.1:9/hook"
    outside = await call(http, api, "setWebhook", url="https://example.org/hook")
    assert (
        outside.json()["description"]
        == "Bad Request: bad webhook: the local Bot API delivers to 127.0.0.1 only"
    )
    await call(http, api, "deleteWebhook")
    assert (await call(http, api, "getUpdates")).status_code == 200


async def test_each_call_records_when_it_was_answered_on_the_servers_clock() -> None:
    """So a test can count calls in a window of its injected time (edits a minute, say)."""
    now = [100.0]
    api = LocalBotApi(clock=lambda: now[0])
    async with api:
        base = f"http://127.0.0.1:{api.port}"
        async with httpx.AsyncClient(base_url=base, trust_env=False) as http:
            await call(http, api, "getMe")
            now[0] = 160.5
            await call(http, api, "getMe")
    assert [recorded.at for recorded in api.calls] == [100.0, 160.5]
