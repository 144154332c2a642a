"""Sync server: FastAPI app factory, server store, admin CLI (no Qt)."""
