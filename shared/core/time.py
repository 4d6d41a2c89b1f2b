"""The one time zone of the service: every day it names is a day in Stockholm.

A file's draw day, a contact's day, a campaign's dates, the sending window, the release
calendar and the report's "today" are all read on this clock; EventBridge schedules name the
same zone by ``STOCKHOLM``. Define no other.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

STOCKHOLM = "Europe/Stockholm"  # the IANA name (schedules, settings)
STOCKHOLM_TZ = ZoneInfo(STOCKHOLM)
