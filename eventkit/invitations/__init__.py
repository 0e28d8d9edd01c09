"""Personal invitations: the printed letters with QR codes, the poster, the response overview."""
