"""The survey's page weight: the heaviest page a resident can get (every page kind, in every
shipped language, for a municipality with a logo and contact options) with its stylesheet,
as sent (bytes) and as CloudFront sends it compressed (gzip, level 6). Rendered in-process, no
AWS.

Target: no heavier than before issue 23 (the municipality's own pages, SKR's e-mail questions),
whose heaviest page (the Arabic form with every error shown) and stylesheet weighed
``BEFORE_RAW`` / ``BEFORE_GZIP`` bytes at commit c56d7fe (measured with this module's
``weigh`` on that checkout). The logo (cached for a year under its content's name) is counted
apart.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BEFORE_RAW, BEFORE_GZIP = 10_193, 3_317


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 6, mtime=0))


def weigh() -> dict[str, Any]:
    from shared.core import i18n
    from shared.core.models import Channel
    from shared.core.tenants import load_tenant_file
    from shared.survey.pages import Brand, Frame, css, form_page, message_page, thanks_page

    tenant = load_tenant_file(ROOT / "config" / "tenants" / "1980.json")
    token = "x" * 22
    every_error = {"tel_bemotande": "missing", "tel_enkelhet": "missing", "errand": "missing"}
    pages: dict[str, str] = {}
    for lang in i18n.available():
        frame = Frame(
            lang=lang,
            path=f"/s/{token}",
            org=tenant.name,
            kommunkod=tenant.kommunkod,
            languages=tenant.languages,
            brand=Brand.of(tenant),
        )
        pages |= {
            f"{lang} form (sms)": form_page(frame, token, Channel.SMS),
            f"{lang} form (sms), every error": form_page(
                frame, token, Channel.SMS, {"comment": "x" * 20}, every_error
            ),
            f"{lang} form (e-mail), first step": form_page(frame, token, Channel.EMAIL),
            f"{lang} form (e-mail), ja": form_page(
                frame, token, Channel.EMAIL, {"epost_aterkoppling": "ja"}
            ),
            f"{lang} form (e-mail), nej": form_page(
                frame, token, Channel.EMAIL, {"epost_aterkoppling": "nej"}
            ),
            f"{lang} thank you": thanks_page(frame),
            f"{lang} expired": message_page(frame, "expired"),
        }
    name = max(pages, key=lambda n: len(pages[n].encode("utf-8")))
    style = css()
    logo = tenant.logo.content() if tenant.logo else b""
    return {
        "page": name,
        "raw": len(pages[name].encode("utf-8")) + len(style.encode("utf-8")),
        "gzip": _gz(pages[name]) + _gz(style),
        "css": len(style.encode("utf-8")),
        "logo": len(logo),
    }


def main() -> dict[str, Any]:
    w = weigh()
    return {
        "name": "Survey page weight (bench/pageweight.py)",
        "metrics": [
            {
                "metric": f"heaviest page + CSS, as sent ({w['page']})",
                "value": f"{w['raw']:,} B (CSS {w['css']:,} B)",
                "target": f"before issue 23: {BEFORE_RAW:,} B",
                "ok": w["raw"] <= BEFORE_RAW,
            },
            {
                "metric": "the same, gzip (what CloudFront sends)",
                "value": f"{w['gzip']:,} B",
                "target": f"before issue 23: {BEFORE_GZIP:,} B",
                "ok": w["gzip"] <= BEFORE_GZIP,
            },
            {
                "metric": "the municipality's logo (once, cached a year)",
                "value": f"{w['logo']:,} B",
                "target": "≤ 32 KB (Tenant.logo)",
                "ok": w["logo"] <= 32 * 1024,
            },
        ],
    }


if __name__ == "__main__":
    for row in main()["metrics"]:
        print(f"{row['metric']}: {row['value']} (target {row['target']})")
