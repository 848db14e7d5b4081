//! Bytes kept deflated in memory while serving: the preview's pages, and
//! the activities' kept parts of the exports, which are read only when
//! someone asks for a file made from them.

/// `bytes` deflated, if that makes them smaller.
pub fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    thread_local! {
        // One compressor a thread: making one zeroes a quarter of a
        // megabyte, which for every page was most of the time spent.
        static DEFLATE: std::cell::RefCell<flate2::Compress> =
            std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::fast(), false));
    }
    DEFLATE.with_borrow_mut(|deflate| {
        deflate.reset();
        let mut packed = Vec::with_capacity(bytes.len() / 4 + 64);
        loop {
            let read = deflate.total_in() as usize;
            let status = deflate
                .compress_vec(&bytes[read..], &mut packed, flate2::FlushCompress::Finish)
                .expect("deflating in memory");
            if status == flate2::Status::StreamEnd {
                break;
            }
            packed.reserve(packed.len().max(1024));
        }
        (packed.len() < bytes.len()).then_some(packed)
    })
}

/// Bytes that `deflate` made, as they were; `size` is a guess at their
/// length, for the buffer.
pub fn inflate(packed: &[u8], size: usize) -> Vec<u8> {
    let mut whole = Vec::with_capacity(size);
    std::io::Read::read_to_end(&mut flate2::read::DeflateDecoder::new(packed), &mut whole)
        .expect("deflated in memory by `deflate`");
    whole
}
