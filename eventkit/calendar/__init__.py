"""The iCalendar adapter: a meeting (or a CalendarEntry) in, .ics text out. Nothing here
sends mail or serves pages: changes and cancelling are eventkit.events.schedule, the
downloads eventkit.exports.registry."""
