//! Readers for the public data sources. Each maps its own file format onto the
//! source-independent records of [`crate::model`], streaming: no reader holds a whole file
//! in memory.

pub mod mtgjson;
pub(crate) mod oracle_text;
