"""Demo data for `manage.py seed_demo`: the data, the pictures drawn for it, and the seeding itself."""
