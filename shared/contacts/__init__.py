"""Reading the contact files municipalities send (pure: no AWS).

``read_contacts(stream, tenant, received_at)`` streams a CSV file given as bytes and yields the
accepted contacts; its ``report`` (counts, rejected rows by number and reason, never a phone
number or e-mail address) is complete once the iteration has ended. See docs/csv-format.md.
"""

from shared.contacts.reader import Accepted, ContactReader, Report, read_contacts, report_json
from shared.contacts.reasons import FileError, FileErrorCode, Reason

__all__ = [
    "Accepted",
    "ContactReader",
    "FileError",
    "FileErrorCode",
    "Reason",
    "Report",
    "read_contacts",
    "report_json",
]
