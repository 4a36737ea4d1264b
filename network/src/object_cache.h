// Where received objects go: <cache_dir>/<Study Instance UID>/<SOP Instance UID>.dcm. One writer for
// the C-GET sub-operations (ScuSession) and the storage SCP (StorageServer). Internal to the room.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>

namespace anatomix::network {

// Writes `dataset` (in the transfer syntax it arrived in) under a temporary name and renames it when
// complete, so a reader never sees half an object. Returns the path. Throws PacsError: kProtocol when
// the object lacks a valid Study or SOP Instance UID (UIDs become file names: nothing else is let
// through), kLocalFile when the file cannot be written.
std::string write_into_cache(const std::string& cache_dir, std::unique_ptr<DcmDataset> dataset);

// Storage SOP classes a chest reading station receives (CR, DX, SC, SR, GSPS, KOS), proposed for C-GET
// sub-operations and accepted by the storage SCP.
const std::vector<std::string>& received_storage_classes();
// Whether a class carries pixel data (then the lossless compressed syntaxes below are offered too).
bool is_image_storage_class(const std::string& sop_class);
// Lossless compressed transfer syntaxes the image room decodes: JPEG process 14 SV1, JPEG-LS, JPEG 2000, RLE.
const std::vector<std::string>& lossless_compressed_syntaxes();

// PS3.5 9.1: 1..64 characters, digits and dots, no empty component.
bool is_valid_uid(const std::string& uid);

}  // namespace anatomix::network
