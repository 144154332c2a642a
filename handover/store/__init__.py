"""Encrypted local storage: SQLAlchemy models over SQLCipher, migrations, audit log."""
