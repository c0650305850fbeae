//! Page layout of minutes: line breaking, pagination and tables.
