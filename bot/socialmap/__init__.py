"""The social map: the organisations of a community and the ties the programme made."""
