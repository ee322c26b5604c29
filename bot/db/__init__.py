"""Every query the bot makes: the SQLAlchemy models, the async engine, migrations, and one module
per aggregate (chats, runners, painlog, clubs, outbox, schedule). Nothing outside this package
(and migrations/) imports SQLAlchemy; the import contracts check it."""
