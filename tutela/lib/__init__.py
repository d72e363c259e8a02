"""Plain helpers with no models: countries, tabular input/output, apportionment, hashing."""
