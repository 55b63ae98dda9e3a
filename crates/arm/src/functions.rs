//! ARM template functions (being written).
