//! Which column holds which field.
