//! The ARM template expression language (being written).
