"""Who can be reached: the users and chats tables kept in step with blocks, groups joined or left,
and supergroup migrations."""
