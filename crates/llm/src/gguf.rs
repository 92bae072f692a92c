//! Reads a GGUF file's header (metadata and tensor table) without loading the model, to check
//! a file before llama.cpp maps it and to read what it says about itself.
//!
//! llama.cpp reports a damaged file only as a failed load (its reason goes to its log), so
//! this check is what lets a truncated download or a file that is not a model be named as
//! such. It is written here because llama-cpp-2's `GgufContext` exposes no tensor offsets, and
//! the format is small and stable (<https://github.com/ggml-org/ggml/blob/master/docs/gguf.md>).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::LlmError;

const MAGIC: &[u8; 4] = b"GGUF";
/// The data section starts at a multiple of this unless `general.alignment` says otherwise.
const DEFAULT_ALIGNMENT: u64 = 32;

/// A metadata value. Arrays keep only their length: none that the app reads is an array.
#[derive(Debug, Clone, PartialEq)]
pub enum MetaValue {
    /// Any unsigned integer type.
    Uint(u64),
    /// Any signed integer type.
    Int(i64),
    /// `f32` or `f64`.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A UTF-8 string.
    String(String),
    /// An array of `len` values.
    Array {
        /// How many values.
        len: u64,
    },
}

/// What a GGUF file's header says.
#[derive(Debug, Clone, PartialEq)]
pub struct GgufHeader {
    /// Format version (2 or 3).
    pub version: u32,
    /// Every metadata key with its value.
    pub metadata: BTreeMap<String, MetaValue>,
    /// How many tensors the file holds.
    pub tensor_count: u64,
    /// The file's size on disk.
    pub file_size: u64,
}

impl GgufHeader {
    /// A string value of the metadata.
    pub fn string(&self, key: &str) -> Option<&str> {
        match self.metadata.get(key) {
            Some(MetaValue::String(value)) => Some(value),
            _ => None,
        }
    }

    /// An unsigned value of the metadata.
    pub fn uint(&self, key: &str) -> Option<u64> {
        match self.metadata.get(key) {
            Some(MetaValue::Uint(value)) => Some(*value),
            Some(MetaValue::Int(value)) => u64::try_from(*value).ok(),
            _ => None,
        }
    }

    /// The model's architecture (`llama`, `qwen2`, `bert`...).
    pub fn architecture(&self) -> Option<&str> {
        self.string("general.architecture")
    }

    /// The context length the model was trained with.
    pub fn context_length(&self) -> Option<u64> {
        self.uint(&format!("{}.context_length", self.architecture()?))
    }
}

/// Reads and checks the header of the GGUF file at `path`: that it is one, and that every
/// tensor it lists lies inside the file.
pub fn read_header(path: &Path) -> Result<GgufHeader, LlmError> {
    let file = File::open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LlmError::ModelNotFound {
            path: path.to_owned(),
        },
        _ => LlmError::Io {
            path: path.to_owned(),
            source,
        },
    })?;
    let file_size = file
        .metadata()
        .map_err(|source| LlmError::Io {
            path: path.to_owned(),
            source,
        })?
        .len();
    let mut reader = HeaderReader {
        input: BufReader::new(file),
        path: path.to_owned(),
        file_size,
        position: 0,
    };
    let mut magic = [0u8; 4];
    if file_size < 4 || reader.input.read_exact(&mut magic).is_err() || &magic != MAGIC {
        return Err(LlmError::NotGguf {
            path: path.to_owned(),
        });
    }
    reader.position = 4;
    let version = reader.u32()?;
    if !(2..=3).contains(&version) {
        return Err(reader.corrupt(format!("unsupported GGUF version {version}")));
    }
    let tensor_count = reader.u64()?;
    let metadata_count = reader.u64()?;
    let mut metadata = BTreeMap::new();
    for _ in 0..metadata_count {
        let key = reader.string()?;
        let kind = reader.u32()?;
        let value = reader.value(kind)?;
        metadata.insert(key, value);
    }
    let mut data_end = 0u64;
    for _ in 0..tensor_count {
        let name = reader.string()?;
        let dimensions = reader.u32()?;
        if dimensions > 8 {
            return Err(reader.corrupt(format!("tensor {name} has {dimensions} dimensions")));
        }
        let mut elements = 1u64;
        for _ in 0..dimensions {
            elements = elements.saturating_mul(reader.u64()?);
        }
        let kind = reader.u32()?;
        let offset = reader.u64()?;
        // A type this table does not know still has to start inside the file.
        let bytes = tensor_bytes(kind, elements).unwrap_or(1);
        data_end = data_end.max(offset.saturating_add(bytes));
    }
    let alignment = match metadata.get("general.alignment") {
        Some(MetaValue::Uint(alignment)) if *alignment > 0 => *alignment,
        _ => DEFAULT_ALIGNMENT,
    };
    let data_start = reader.position.div_ceil(alignment) * alignment;
    let needed = data_start.saturating_add(data_end);
    if tensor_count > 0 && needed > file_size {
        return Err(reader.corrupt(format!(
            "the file has {file_size} bytes but its tensors end at byte {needed}, so it is \
             incomplete"
        )));
    }
    Ok(GgufHeader {
        version,
        metadata,
        tensor_count,
        file_size,
    })
}

/// Bytes of a tensor of `elements` values of ggml type `kind`, for the types ggml stores in
/// files (block size and bytes per block from ggml's type traits).
fn tensor_bytes(kind: u32, elements: u64) -> Option<u64> {
    let (block, bytes) = match kind {
        0 => (1, 4),       // F32
        1 | 30 => (1, 2),  // F16, BF16
        2 => (32, 18),     // Q4_0
        3 => (32, 20),     // Q4_1
        6 => (32, 22),     // Q5_0
        7 => (32, 24),     // Q5_1
        8 => (32, 34),     // Q8_0
        9 => (32, 36),     // Q8_1
        10 => (256, 84),   // Q2_K
        11 => (256, 110),  // Q3_K
        12 => (256, 144),  // Q4_K
        13 => (256, 176),  // Q5_K
        14 => (256, 210),  // Q6_K
        15 => (256, 292),  // Q8_K
        16 => (256, 66),   // IQ2_XXS
        17 => (256, 74),   // IQ2_XS
        18 => (256, 98),   // IQ3_XXS
        19 => (256, 50),   // IQ1_S
        20 => (32, 18),    // IQ4_NL
        21 => (256, 110),  // IQ3_S
        22 => (256, 82),   // IQ2_S
        23 => (256, 136),  // IQ4_XS
        24 => (1, 1),      // I8
        25 => (1, 2),      // I16
        26 => (1, 4),      // I32
        27 | 28 => (1, 8), // I64, F64
        29 => (256, 56),   // IQ1_M
        34 => (256, 54),   // TQ1_0
        35 => (256, 66),   // TQ2_0
        39 => (32, 17),    // MXFP4
        _ => return None,
    };
    Some(elements.div_ceil(block).saturating_mul(bytes))
}

struct HeaderReader {
    input: BufReader<File>,
    path: PathBuf,
    file_size: u64,
    /// Bytes read or skipped so far (counted here: asking the file costs a system call).
    position: u64,
}

impl HeaderReader {
    fn corrupt(&self, reason: String) -> LlmError {
        LlmError::CorruptModel {
            path: self.path.clone(),
            reason,
        }
    }

    fn bytes<const N: usize>(&mut self) -> Result<[u8; N], LlmError> {
        let mut buffer = [0u8; N];
        self.input
            .read_exact(&mut buffer)
            .map_err(|_| self.corrupt("the header ends early".into()))?;
        self.position += N as u64;
        Ok(buffer)
    }

    fn u32(&mut self) -> Result<u32, LlmError> {
        Ok(u32::from_le_bytes(self.bytes()?))
    }

    fn u64(&mut self) -> Result<u64, LlmError> {
        Ok(u64::from_le_bytes(self.bytes()?))
    }

    /// A length that must fit in what is left of the file (a damaged length would otherwise
    /// ask for gigabytes).
    fn length(&mut self) -> Result<u64, LlmError> {
        let length = self.u64()?;
        let left = self.file_size.saturating_sub(self.position);
        if length > left {
            return Err(self.corrupt(format!("a length of {length} bytes in the header")));
        }
        Ok(length)
    }

    fn string(&mut self) -> Result<String, LlmError> {
        let length = self.length()?;
        let mut buffer = vec![0u8; usize::try_from(length).unwrap_or(usize::MAX)];
        self.input
            .read_exact(&mut buffer)
            .map_err(|_| self.corrupt("the header ends early".into()))?;
        self.position += length;
        String::from_utf8(buffer).map_err(|_| self.corrupt("a string is not UTF-8".into()))
    }

    fn skip(&mut self, bytes: u64) -> Result<(), LlmError> {
        if bytes > self.file_size.saturating_sub(self.position) {
            return Err(self.corrupt("the header ends early".into()));
        }
        let offset = i64::try_from(bytes).map_err(|_| self.corrupt("an array too long".into()))?;
        self.input
            .seek_relative(offset)
            .map_err(|_| self.corrupt("the header ends early".into()))?;
        self.position += bytes;
        Ok(())
    }

    fn value(&mut self, kind: u32) -> Result<MetaValue, LlmError> {
        Ok(match kind {
            0 => MetaValue::Uint(u64::from(u8::from_le_bytes(self.bytes()?))),
            1 => MetaValue::Int(i64::from(i8::from_le_bytes(self.bytes()?))),
            2 => MetaValue::Uint(u64::from(u16::from_le_bytes(self.bytes()?))),
            3 => MetaValue::Int(i64::from(i16::from_le_bytes(self.bytes()?))),
            4 => MetaValue::Uint(u64::from(self.u32()?)),
            5 => MetaValue::Int(i64::from(i32::from_le_bytes(self.bytes()?))),
            6 => MetaValue::Float(f64::from(f32::from_le_bytes(self.bytes()?))),
            7 => MetaValue::Bool(self.bytes::<1>()?[0] != 0),
            8 => MetaValue::String(self.string()?),
            9 => {
                let element = self.u32()?;
                let len = self.length()?;
                match element {
                    // Strings have their own lengths: skip them one by one.
                    8 => {
                        for _ in 0..len {
                            let length = self.length()?;
                            self.skip(length)?;
                        }
                    }
                    _ => {
                        let size = scalar_size(element)
                            .ok_or_else(|| self.corrupt(format!("an array of type {element}")))?;
                        self.skip(len.saturating_mul(size))?;
                    }
                }
                MetaValue::Array { len }
            }
            10 => MetaValue::Uint(self.u64()?),
            11 => MetaValue::Int(i64::from_le_bytes(self.bytes()?)),
            12 => MetaValue::Float(f64::from_le_bytes(self.bytes()?)),
            other => return Err(self.corrupt(format!("a metadata value of type {other}"))),
        })
    }
}

/// Bytes of one fixed-size metadata value of type `kind`.
fn scalar_size(kind: u32) -> Option<u64> {
    match kind {
        0 | 1 | 7 => Some(1),
        2 | 3 => Some(2),
        4..=6 => Some(4),
        10..=12 => Some(8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal GGUF v3 file: `metadata` pairs, one F32 tensor of `elements` values, and
    /// `data_bytes` bytes of data.
    fn write_gguf(
        dir: &Path,
        metadata: &[(&str, &str)],
        elements: u64,
        data_bytes: usize,
    ) -> PathBuf {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&3u32.to_le_bytes());
        out.extend_from_slice(&1u64.to_le_bytes());
        out.extend_from_slice(&(metadata.len() as u64).to_le_bytes());
        let string = |out: &mut Vec<u8>, s: &str| {
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        };
        for (key, value) in metadata {
            string(&mut out, key);
            out.extend_from_slice(&8u32.to_le_bytes());
            string(&mut out, value);
        }
        string(&mut out, "token_embd.weight");
        out.extend_from_slice(&1u32.to_le_bytes());
        out.extend_from_slice(&elements.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&0u64.to_le_bytes());
        while out.len() % 32 != 0 {
            out.push(0);
        }
        out.extend(std::iter::repeat_n(0u8, data_bytes));
        let path = dir.join("model.gguf");
        std::fs::write(&path, out).unwrap();
        path
    }

    #[test]
    fn reads_metadata_of_a_complete_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_gguf(dir.path(), &[("general.architecture", "llama")], 8, 32);
        let header = read_header(&path).unwrap();
        assert_eq!(header.architecture(), Some("llama"));
        assert_eq!(header.tensor_count, 1);
    }

    #[test]
    fn a_file_cut_short_is_incomplete() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_gguf(dir.path(), &[], 8, 31);
        let error = read_header(&path).unwrap_err();
        assert!(
            matches!(&error, LlmError::CorruptModel { reason, .. } if reason.contains("incomplete")),
            "{error:?}"
        );
    }

    #[test]
    fn a_file_that_is_not_gguf_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.gguf");
        std::fs::write(&path, b"<html>Not found</html>").unwrap();
        assert!(matches!(read_header(&path), Err(LlmError::NotGguf { .. })));
        assert!(matches!(
            read_header(&dir.path().join("missing.gguf")),
            Err(LlmError::ModelNotFound { .. })
        ));
    }

    #[test]
    fn a_damaged_length_is_corruption_not_an_allocation() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&3u32.to_le_bytes());
        bytes.extend_from_slice(&0u64.to_le_bytes());
        bytes.extend_from_slice(&1u64.to_le_bytes());
        bytes.extend_from_slice(&u64::MAX.to_le_bytes());
        let path = dir.path().join("model.gguf");
        std::fs::write(&path, bytes).unwrap();
        assert!(matches!(
            read_header(&path),
            Err(LlmError::CorruptModel { .. })
        ));
    }
}
