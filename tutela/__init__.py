"""Tutela: an international law-enforcement training programme, run end to end and published."""
