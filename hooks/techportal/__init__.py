"""Technician Portal: Technician Commitment plans and technicians' profiles as a static site."""

__version__ = "0.1.0"
