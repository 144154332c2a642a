"""Client side of sync: wire protocol schemas, HTTP client, outbox and sync engine (no Qt)."""
