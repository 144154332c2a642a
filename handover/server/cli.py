"""``handover-server``: the municipality's admin command for the sync server.

Exit codes: 0 done, 2 wrong usage, 1 anything else (with a Dutch message on stderr).
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from handover import paths
from handover.argparse_nl import DutchArgumentParser
from handover.server.purge import DEFAULT_OLDER_THAN_DAYS, purge
from handover.server.schema import StoreError
from handover.server.settings import ServerSettings
from handover.server.store import ServerStore

DB_ENV = "HANDOVER_SERVER_DB"
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(prog="handover-server", description="Overstap synchronisatieserver (beheer).")
    parser.add_argument(
        "--db",
        default=os.environ.get(DB_ENV, "sqlite:///overstap-server.db"),
        help=f"database-URL (standaard ${DB_ENV} of sqlite:///overstap-server.db)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="database inrichten (maakt het tijdperk/epoch aan)")
    add = sub.add_parser("add-org", help="organisatie toevoegen; toont een eenmalige inschrijfcode")
    add.add_argument("--name", required=True)
    add.add_argument("--kind", required=True, choices=["school", "gemeente"])
    code = sub.add_parser("new-code", help="nieuwe inschrijfcode (organisatie nog niet ingeschreven)")
    code.add_argument("org", metavar="ORGANISATIE", help="id van de organisatie (zie 'handover-server list')")
    sub.add_parser("list", help="organisaties tonen")
    revoke = sub.add_parser("revoke", help="organisatie intrekken (apparaten en sessies vervallen)")
    revoke.add_argument("org", metavar="ORGANISATIE", help="id van de organisatie (zie 'handover-server list')")
    sub.add_parser("new-epoch", help="na het terugzetten van een back-up: clients laten hersynchroniseren")
    purge = sub.add_parser(
        "purge", help="berichten opruimen: lang geleden ontvangen, of van een ingetrokken dossier (grafsteen blijft)"
    )
    purge.add_argument(
        "--older-than",
        type=int,
        default=DEFAULT_OLDER_THAN_DAYS,
        metavar="DAGEN",
        help=f"opgehaald langer dan zoveel dagen geleden (standaard {DEFAULT_OLDER_THAN_DAYS})",
    )
    serve = sub.add_parser("serve", help="server starten")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert")
    serve.add_argument("--tls-key")
    serve.add_argument(
        "--behind-proxy",
        action="store_true",
        help="achter een reverse proxy op deze machine: limieten per X-Forwarded-For-adres",
    )
    return parser


def _store(db: str) -> ServerStore:
    return ServerStore(db)


def _require_init(store: ServerStore) -> None:
    if not store.is_initialised():
        raise StoreError(1, "De database is nog niet ingericht. Voer eerst 'handover-server init' uit.")
    store.add_missing_tables()  # tables a newer version added (created empty; nothing else changes)


def main(argv: Sequence[str] | None = None) -> int:
    paths.use_utf8_console()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 for usage errors, 0 for --help
        return int(exc.code or 0)
    try:
        return _run(parser, args)
    except StoreError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the admin gets a message, not a traceback
        print(f"Fout: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "serve":
        return _serve(parser, args)
    store = _store(args.db)
    try:
        if args.command == "init":
            epoch = store.init()
            print(f"Database ingericht. Tijdperk (epoch): {epoch}")
            return EXIT_OK
        _require_init(store)
        if args.command == "add-org":
            org_id, code = store.add_org(args.name, args.kind)
            print(f"Organisatie toegevoegd: {org_id}")
            print(f"Eenmalige inschrijfcode: {code}")
            print("Geef deze code persoonlijk of telefonisch door; hij werkt één keer en verloopt na 14 dagen.")
        elif args.command == "new-code":
            print(f"Eenmalige inschrijfcode: {store.new_code(args.org)}")
        elif args.command == "list":
            for org in store.list_orgs():
                created = datetime.fromtimestamp(org.created_at, UTC).strftime("%Y-%m-%d")
                print(
                    f"{org.org_id}  {org.kind:<8}  {org.status:<8}  {created}  {org.fingerprint or '-':<29}  {org.name}"
                )
        elif args.command == "revoke":
            if not store.revoke_org(args.org):
                print(f"Fout: onbekende organisatie {args.org}", file=sys.stderr)
                return EXIT_ERROR
            print(f"Organisatie {args.org} is ingetrokken.")
        elif args.command == "purge":
            if args.older_than < 0:
                print("Fout: --older-than moet 0 of meer dagen zijn.", file=sys.stderr)
                return EXIT_USAGE
            report = purge(store.engine, args.older_than)
            print(
                f"Opgeruimd: {report.acknowledged} berichten die langer dan {args.older_than} dagen geleden zijn "
                f"opgehaald, {report.withdrawn} berichten van ingetrokken dossiers. Alleen de routering blijft "
                "(grafsteen)."
            )
        elif args.command == "new-epoch":
            print(f"Nieuw tijdperk (epoch): {store.new_epoch()}. Clients versturen ontbrekende berichten opnieuw.")
        return EXIT_OK
    finally:
        store.dispose()


def port_taken_message(host: str, port: int, exc: OSError) -> str:
    """Why the server cannot listen, in Dutch (a second server on the same port is the usual cause).

    Windows reports a port held with SO_EXCLUSIVEADDRUSE as WSAEACCES (10013), or WSAEADDRINUSE (10048).
    """
    winerror = getattr(exc, "winerror", None)
    taken = exc.errno == errno.EADDRINUSE or winerror in (10048, 10013)
    if taken or (sys.platform == "win32" and exc.errno == errno.EACCES):
        return (
            f"poort {port} op {host} is al in gebruik, waarschijnlijk door een andere server die al draait. "
            "Stop die eerst, of kies een andere poort met --port."
        )
    return f"de server kan niet luisteren op {host}:{port} ({exc.strerror or 'onbekende fout'})."


def _serve(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.print_usage(sys.stderr)
        print("Fout: geef --tls-cert en --tls-key samen op.", file=sys.stderr)
        return EXIT_USAGE
    if not is_loopback(args.host) and not args.tls_cert:
        print(
            "Fout: buiten deze computer (host anders dan 127.0.0.1) alleen met TLS: geef --tls-cert en --tls-key op.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    import uvicorn

    from handover.server.app import bind_tcp, create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    store = _store(args.db)
    _require_init(store)
    if args.behind_proxy and not is_loopback(args.host):
        print("Fout: --behind-proxy alleen met --host 127.0.0.1 (de proxy draait op deze machine).", file=sys.stderr)
        return EXIT_USAGE
    app = create_app(ServerSettings(db_url=args.db, trust_forwarded_for=args.behind_proxy), store=store)
    host = "127.0.0.1" if args.host == "localhost" else args.host
    try:
        sock = bind_tcp(host, args.port)
    except OSError as exc:
        print(f"Fout: {port_taken_message(host, args.port, exc)}", file=sys.stderr)
        return EXIT_ERROR
    config = uvicorn.Config(
        app,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        proxy_headers=False,
        server_header=False,
        lifespan="off",
    )
    print(f"Server luistert op {'https' if args.tls_cert else 'http'}://{host}:{args.port}", flush=True)
    uvicorn.Server(config).run(sockets=[sock])
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
