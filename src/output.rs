//! The output folder: build into a staging folder, then swap it into place,
//! and never clear a folder Signpost did not create. (Being written.)
