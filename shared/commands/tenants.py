"""``servicematning tenants check|put``: validate tenant settings and store them (no redeploy)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from shared.tenants import Tenant, TenantStore, load_tenant_file

DEFAULT_DIR = Path("config/tenants")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("tenants", help="check or store municipalities' settings")
    parser.add_argument("action", choices=("check", "put"))
    parser.add_argument("files", nargs="*", type=Path, help=f"JSON files (default: {DEFAULT_DIR})")
    parser.add_argument("--table", help="tenants table name (for put)")
    parser.set_defaults(func=run)


def _load(files: list[Path]) -> list[Tenant] | None:
    paths = files or sorted(DEFAULT_DIR.glob("*.json"))
    tenants, failed = [], False
    for path in paths:
        try:
            tenants.append(load_tenant_file(path))
        except (OSError, ValidationError) as error:
            failed = True
            print(f"{path}: {error}", file=sys.stderr)
    return None if failed else tenants


def run(args: argparse.Namespace) -> int:
    tenants = _load(args.files)
    if tenants is None:
        return 2
    if args.action == "check":
        from shared.commands.tenants_check import check

        return check(tenants)
    if not args.table:
        print("tenants put needs --table", file=sys.stderr)
        return 2
    from shared import store

    count = TenantStore(store.table(args.table)).put(tenants)
    print(f"stored {count} municipalities in {args.table}")
    return 0
