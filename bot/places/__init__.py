"""A community's places: the channels it lives in, on any platform, and the codes that link
another channel (or a person's second account) to it."""
