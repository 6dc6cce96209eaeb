"""Reads an iCalendar document on stdin and prints what the tests check, as JSON.

An independent reader of what the service writes (Python's `icalendar` package, not the Rust
crate that wrote it). Times are given in UTC; a TZID is resolved through the VTIMEZONE of the
document itself, so a missing or wrong VTIMEZONE shows up as a wrong instant.
"""

import json
import sys
from datetime import datetime, timezone

import icalendar


def utc(prop):
    if prop is None:
        return None
    value = prop.dt
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is None:
        return "floating " + value.isoformat()
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def main():
    data = sys.stdin.buffer.read()
    calendar = icalendar.Calendar.from_ical(data)
    tz_ids = [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")]
    timezones = {tz_id: tz.to_tz(lookup_tzid=False) for tz_id, tz in zip(tz_ids, calendar.walk("VTIMEZONE"))}
    events = []
    for event in calendar.walk("VEVENT"):
        used = []
        for name in ("DTSTART", "DTEND"):
            prop = event.get(name)
            tz_id = prop.params.get("TZID") if prop is not None else None
            if tz_id is not None:
                used.append(str(tz_id))
                # Read the wall-clock time with the document's own VTIMEZONE.
                naive = prop.dt.replace(tzinfo=None)
                if str(tz_id) in timezones:
                    prop.dt = naive.replace(tzinfo=timezones[str(tz_id)])
                else:
                    prop.dt = naive
        events.append(
            {
                "uid": text(event, "UID"),
                "sequence": int(event.get("SEQUENCE")) if "SEQUENCE" in event else None,
                "status": text(event, "STATUS"),
                "summary": text(event, "SUMMARY"),
                "description": text(event, "DESCRIPTION"),
                "location": text(event, "LOCATION"),
                "url": text(event, "URL"),
                "dtstart": utc(event.get("DTSTART")),
                "dtend": utc(event.get("DTEND")),
                "dtstamp": utc(event.get("DTSTAMP")),
                "last_modified": utc(event.get("LAST-MODIFIED")),
                "tzids": used,
                "properties": sorted(event.keys()),
                "errors": [str(e) for e in getattr(event, "errors", [])],
            }
        )
    print(
        json.dumps(
            {
                "method": text(calendar, "METHOD"),
                "version": text(calendar, "VERSION"),
                "prodid": text(calendar, "PRODID"),
                "name": text(calendar, "NAME"),
                "x_wr_calname": text(calendar, "X-WR-CALNAME"),
                "refresh_interval": text(calendar, "REFRESH-INTERVAL"),
                "refresh_interval_value": (
                    calendar["REFRESH-INTERVAL"].params.get("VALUE")
                    if "REFRESH-INTERVAL" in calendar
                    else None
                ),
                "x_published_ttl": text(calendar, "X-PUBLISHED-TTL"),
                "timezones": tz_ids,
                "events": events,
                "errors": [str(e) for e in getattr(calendar, "errors", [])],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
