"""Getting updates: long polling with getUpdates, or a webhook."""

from bot.telegram_local.methods.params import Handler, Params
from bot.telegram_local.wire import JSONDict
from bot.telegram_local.world import World


def _allowed_updates(p: Params) -> list[str] | None:
    allowed = p.json("allowed_updates")
    return [str(kind) for kind in allowed] if isinstance(allowed, list) else None


async def get_updates(world: World, p: Params) -> list[JSONDict]:
    return await world.updates.fetch(
        offset=p.integer("offset"),
        limit=min(max(p.integer("limit") or 100, 1), 100),
        poll_seconds=p.number("timeout") or 0.0,
        allowed=_allowed_updates(p),
    )


async def set_webhook(world: World, p: Params) -> bool:
    world.updates.set_webhook(
        p.text("url") or "",
        secret_token=p.text("secret_token"),
        max_connections=p.integer("max_connections") or 40,
        allowed=_allowed_updates(p),
        drop_pending=p.flag("drop_pending_updates"),
    )
    return True


async def delete_webhook(world: World, p: Params) -> bool:
    world.updates.delete_webhook(drop_pending=p.flag("drop_pending_updates"))
    return True


async def get_webhook_info(world: World, p: Params) -> JSONDict:
    return world.updates.webhook_info()


METHODS: dict[str, Handler] = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
