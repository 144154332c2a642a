"""Client side of sync (no Qt): HTTP client, outbox, push, inbox/apply, replies, recovery; ``service`` is the facade."""
