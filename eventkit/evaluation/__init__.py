"""The anonymous evaluation of the evening: the parents' form behind a QR code, and the
team's page with the question, the QR code for the projector and print, and the results."""
