#include "published/torch_archive.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <cstring>
#include <fstream>
#include <map>

namespace anatomix::published {

namespace {

using Kind = PickleValue::Kind;

// c10::Error messages carry a C++ backtrace after the first lines; users get the sentence only.
std::string first_line(const std::exception& error) {
  std::string text = error.what();
  const size_t cut = text.find("\nException raised from");
  if (cut != std::string::npos) text.resize(cut);
  return text;
}

PickleRef make(Kind kind) {
  auto value = std::make_shared<PickleValue>();
  value->kind = kind;
  return value;
}

const std::map<std::string, at::ScalarType>& storage_types() {
  static const std::map<std::string, at::ScalarType> types{
      {"torch.FloatStorage", at::kFloat},   {"torch.DoubleStorage", at::kDouble},
      {"torch.HalfStorage", at::kHalf},     {"torch.BFloat16Storage", at::kBFloat16},
      {"torch.LongStorage", at::kLong},     {"torch.IntStorage", at::kInt},
      {"torch.ShortStorage", at::kShort},   {"torch.CharStorage", at::kChar},
      {"torch.ByteStorage", at::kByte},     {"torch.BoolStorage", at::kBool}};
  return types;
}

// The pickle stack machine (protocol 2, plus the protocol 4 opcodes a newer Python may emit).
class Unpickler {
 public:
  Unpickler(const char* data, size_t size, std::string source) : data_(data), size_(size), source_(std::move(source)) {}

  PickleRef run() {
    while (true) {
      const auto opcode = static_cast<unsigned char>(read_byte());
      switch (opcode) {
        case 0x80: read_byte(); break;                                   // PROTO
        case 0x95: read_bytes(8); break;                                 // FRAME
        case '.': return pop();                                          // STOP
        case '(': marks_.push_back(stack_.size()); break;                // MARK
        case '0': pop(); break;                                          // POP
        case '1': pop_mark(); break;                                     // POP_MARK
        case '2': push(top()); break;                                    // DUP
        case 'N': push(make(Kind::None)); break;
        case 0x88: case 0x89: {                                          // NEWTRUE, NEWFALSE
          auto value = make(Kind::Bool);
          value->boolean = opcode == 0x88;
          push(value);
          break;
        }
        case 'J': push_int(static_cast<int32_t>(read_le(4))); break;    // BININT
        case 'K': push_int(static_cast<int64_t>(read_le(1))); break;    // BININT1
        case 'M': push_int(static_cast<int64_t>(read_le(2))); break;    // BININT2
        case 0x8a: push_long(read_le(1)); break;                         // LONG1
        case 0x8b: push_long(read_le(4)); break;                         // LONG4
        case 'G': {                                                      // BINFLOAT, big-endian
          const std::string bytes = read_bytes(8);
          uint64_t bits = 0;
          for (unsigned char byte : bytes) bits = (bits << 8) | byte;
          auto value = make(Kind::Float);
          std::memcpy(&value->real, &bits, sizeof bits);
          push(value);
          break;
        }
        case 'X': push_text(Kind::String, read_le(4)); break;            // BINUNICODE
        case 0x8c: push_text(Kind::String, read_le(1)); break;           // SHORT_BINUNICODE
        case 0x8d: push_text(Kind::String, read_le(8)); break;           // BINUNICODE8
        case 'T': push_text(Kind::String, read_le(4)); break;            // BINSTRING
        case 'U': push_text(Kind::String, read_le(1)); break;            // SHORT_BINSTRING
        case 'B': push_text(Kind::Bytes, read_le(4)); break;             // BINBYTES
        case 'C': push_text(Kind::Bytes, read_le(1)); break;             // SHORT_BINBYTES
        case 0x8e: push_text(Kind::Bytes, read_le(8)); break;            // BINBYTES8
        case ']': case 0x8f: push(make(Kind::List)); break;              // EMPTY_LIST, EMPTY_SET
        case ')': push(make(Kind::Tuple)); break;                        // EMPTY_TUPLE
        case '}': push(make(Kind::Dict)); break;                         // EMPTY_DICT
        case 'a': {                                                      // APPEND
          PickleRef item = pop();
          expect(top(), Kind::List, "APPEND")->items.push_back(item);
          break;
        }
        case 'e': case 0x90: {                                           // APPENDS, ADDITEMS
          std::vector<PickleRef> items = pop_mark();
          PickleRef list = expect(top(), Kind::List, "APPENDS");
          list->items.insert(list->items.end(), items.begin(), items.end());
          break;
        }
        case 'l': case 0x91: {                                           // LIST, FROZENSET
          auto list = make(Kind::List);
          list->items = pop_mark();
          push(list);
          break;
        }
        case 't': {                                                      // TUPLE
          auto tuple = make(Kind::Tuple);
          tuple->items = pop_mark();
          push(tuple);
          break;
        }
        case 0x85: case 0x86: case 0x87: {                               // TUPLE1..3
          const size_t count = opcode - 0x84u;
          auto tuple = make(Kind::Tuple);
          tuple->items.resize(count);
          for (size_t i = count; i-- > 0;) tuple->items[i] = pop();
          push(tuple);
          break;
        }
        case 'd': {                                                      // DICT
          auto dict = make(Kind::Dict);
          add_pairs(*dict, pop_mark());
          push(dict);
          break;
        }
        case 's': {                                                      // SETITEM
          PickleRef value = pop();
          PickleRef key = pop();
          expect(top(), Kind::Dict, "SETITEM")->entries.emplace_back(key, value);
          break;
        }
        case 'u': {                                                      // SETITEMS
          std::vector<PickleRef> items = pop_mark();
          add_pairs(*expect(top(), Kind::Dict, "SETITEMS"), items);
          break;
        }
        case 'q': memo_[read_le(1)] = top(); break;                      // BINPUT
        case 'r': memo_[read_le(4)] = top(); break;                      // LONG_BINPUT
        case 0x94: memo_[memo_.size()] = top(); break;                   // MEMOIZE
        case 'h': push(memo(read_le(1))); break;                         // BINGET
        case 'j': push(memo(read_le(4))); break;                         // LONG_BINGET
        case 'c': {                                                      // GLOBAL
          const std::string module = read_line();
          push_global(module + "." + read_line());
          break;
        }
        case 0x93: {                                                     // STACK_GLOBAL
          PickleRef name = pop();
          PickleRef module = pop();
          push_global(module->text + "." + name->text);
          break;
        }
        case 'R': {                                                      // REDUCE
          PickleRef arguments = pop();
          PickleRef callable = pop();
          push(reduce(*callable, arguments));
          break;
        }
        case 0x81: {                                                     // NEWOBJ
          PickleRef arguments = pop();
          PickleRef type = pop();
          push(object(type->text, arguments));
          break;
        }
        case 0x92: {                                                     // NEWOBJ_EX
          pop();
          PickleRef arguments = pop();
          PickleRef type = pop();
          push(object(type->text, arguments));
          break;
        }
        case 'b': {                                                      // BUILD
          PickleRef state = pop();
          if (top()->kind == Kind::Object) top()->state = state;
          break;
        }
        case 'Q': push(persistent_load(*pop())); break;                  // BINPERSID
        default:
          fail("unsupported pickle opcode 0x" + hex(opcode) + " at byte " + std::to_string(position_ - 1));
      }
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw TorchArchiveError(source_ + ": " + what);
  }
  static std::string hex(unsigned value) {
    const char* digits = "0123456789abcdef";
    return std::string{digits[(value >> 4) & 15], digits[value & 15]};
  }
  char read_byte() {
    if (position_ >= size_) fail("the pickle ends early (truncated or damaged file)");
    return data_[position_++];
  }
  std::string read_bytes(uint64_t count) {
    if (count > size_ - position_) fail("the pickle ends early (truncated or damaged file)");
    std::string bytes(data_ + position_, static_cast<size_t>(count));
    position_ += static_cast<size_t>(count);
    return bytes;
  }
  uint64_t read_le(int bytes) {
    const std::string raw = read_bytes(static_cast<uint64_t>(bytes));
    uint64_t value = 0;
    for (int i = bytes - 1; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(raw[static_cast<size_t>(i)]);
    return value;
  }
  std::string read_line() {
    std::string line;
    for (char c = read_byte(); c != '\n'; c = read_byte()) line += c;
    return line;
  }
  void push(PickleRef value) { stack_.push_back(std::move(value)); }
  PickleRef top() {
    if (stack_.empty() || (!marks_.empty() && marks_.back() == stack_.size())) fail("the pickle's stack is empty");
    return stack_.back();
  }
  PickleRef pop() {
    PickleRef value = top();
    stack_.pop_back();
    return value;
  }
  std::vector<PickleRef> pop_mark() {
    if (marks_.empty()) fail("the pickle has no MARK where one is needed");
    const size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<PickleRef> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
    stack_.resize(mark);
    return items;
  }
  PickleRef memo(uint64_t index) {
    auto it = memo_.find(index);
    if (it == memo_.end()) fail("the pickle refers to memo entry " + std::to_string(index) + " before defining it");
    return it->second;
  }
  PickleRef expect(PickleRef value, Kind kind, const char* opcode) {
    if (value->kind != kind) fail(std::string(opcode) + " applied to " + value->describe());
    return value;
  }
  void add_pairs(PickleValue& dict, const std::vector<PickleRef>& items) {
    if (items.size() % 2 != 0) fail("a dict in the pickle has a key without a value");
    for (size_t i = 0; i < items.size(); i += 2) dict.entries.emplace_back(items[i], items[i + 1]);
  }
  void push_int(int64_t number) {
    auto value = make(Kind::Int);
    value->integer = number;
    push(value);
  }
  void push_long(uint64_t length) {
    if (length > 8) fail("an integer in the pickle is wider than 64 bits");
    const std::string raw = read_bytes(length);
    uint64_t bits = 0;
    for (size_t i = raw.size(); i-- > 0;) bits = (bits << 8) | static_cast<unsigned char>(raw[i]);
    if (length > 0 && length < 8 && (static_cast<unsigned char>(raw.back()) & 0x80)) bits |= ~uint64_t{0} << (8 * length);
    push_int(static_cast<int64_t>(bits));
  }
  void push_text(Kind kind, uint64_t length) {
    auto value = make(kind);
    value->text = read_bytes(length);
    push(value);
  }
  void push_global(const std::string& name) {
    auto value = make(Kind::Global);
    value->text = name;
    push(value);
  }
  PickleRef object(const std::string& type, PickleRef arguments) {
    auto value = make(Kind::Object);
    value->text = type;
    if (arguments->kind == Kind::Tuple) value->items = arguments->items;
    return value;
  }
  std::vector<int64_t> integers(const PickleValue& tuple, const char* what) {
    if (tuple.kind != Kind::Tuple) fail(std::string("a tensor's ") + what + " is not a tuple");
    std::vector<int64_t> values;
    for (const auto& item : tuple.items) {
      if (item->kind != Kind::Int) fail(std::string("a tensor's ") + what + " holds a non-integer");
      values.push_back(item->integer);
    }
    return values;
  }
  PickleRef reduce(const PickleValue& callable, PickleRef arguments) {
    if (callable.kind != Kind::Global) fail("REDUCE applied to " + callable.describe());
    const std::vector<PickleRef>& args = arguments->items;
    if (callable.text == "collections.OrderedDict" && args.empty()) return make(Kind::Dict);
    if (callable.text == "torch._utils._rebuild_tensor_v2") {
      if (args.size() < 4 || args[0]->kind != Kind::Storage || args[1]->kind != Kind::Int)
        fail("torch._utils._rebuild_tensor_v2 with unexpected arguments");
      auto tensor = make(Kind::Tensor);
      tensor->tensor = args[0]->tensor;
      tensor->tensor.offset = args[1]->integer;
      tensor->tensor.sizes = integers(*args[2], "size");
      tensor->tensor.strides = integers(*args[3], "stride");
      if (tensor->tensor.sizes.size() != tensor->tensor.strides.size()) fail("a tensor's size and stride differ in length");
      return tensor;
    }
    if ((callable.text == "torch._utils._rebuild_parameter" ||
         callable.text == "torch._utils._rebuild_parameter_with_state") &&
        !args.empty() && args[0]->kind == Kind::Tensor)
      return args[0];
    return object(callable.text, arguments);
  }
  PickleRef persistent_load(const PickleValue& id) {
    // ('storage', torch.<Type>Storage, key, location, number of elements)
    if (id.kind != Kind::Tuple || id.items.size() != 5 || id.items[0]->text != "storage" ||
        id.items[1]->kind != Kind::Global || id.items[2]->kind != Kind::String || id.items[4]->kind != Kind::Int)
      fail("a persistent id in the pickle is not a tensor storage: " + id.describe());
    auto type = storage_types().find(id.items[1]->text);
    if (type == storage_types().end()) fail("unsupported storage type " + id.items[1]->text);
    auto storage = make(Kind::Storage);
    storage->tensor.storage_key = id.items[2]->text;
    storage->tensor.dtype = type->second;
    storage->tensor.storage_elements = id.items[4]->integer;
    return storage;
  }

  const char* data_;
  size_t size_;
  size_t position_ = 0;
  std::string source_;
  std::vector<PickleRef> stack_;
  std::vector<size_t> marks_;
  std::map<uint64_t, PickleRef> memo_;
};

}  // namespace

std::string dtype_name(at::ScalarType dtype) {
  switch (dtype) {
    case at::kFloat: return "F32";
    case at::kDouble: return "F64";
    case at::kHalf: return "F16";
    case at::kBFloat16: return "BF16";
    case at::kLong: return "I64";
    case at::kInt: return "I32";
    case at::kShort: return "I16";
    case at::kChar: return "I8";
    case at::kByte: return "U8";
    case at::kBool: return "BOOL";
    default: return c10::toString(dtype);
  }
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

const PickleValue* PickleValue::find(const std::string& key) const {
  for (const auto& [k, v] : entries)
    if (k->kind == Kind::String && k->text == key) return v.get();
  return nullptr;
}

std::string PickleValue::describe() const {
  switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return boolean ? "True" : "False";
    case Kind::Int: return "integer " + std::to_string(integer);
    case Kind::Float: return "number " + std::to_string(real);
    case Kind::String: return "string \"" + text.substr(0, 60) + "\"";
    case Kind::Bytes: return "bytes";
    case Kind::List: return "list of " + std::to_string(items.size());
    case Kind::Tuple: return "tuple of " + std::to_string(items.size());
    case Kind::Dict: return "dict of " + std::to_string(entries.size()) + " entries";
    case Kind::Tensor: return "tensor " + dtype_name(tensor.dtype) + " " + shape_text(tensor.sizes);
    case Kind::Global: return "class " + text;
    case Kind::Object: return "object " + text;
    case Kind::Storage: return "storage " + dtype_name(tensor.dtype);
  }
  return "value";
}

TorchArchive::~TorchArchive() = default;
TorchArchive::TorchArchive(TorchArchive&&) noexcept = default;
TorchArchive& TorchArchive::operator=(TorchArchive&&) noexcept = default;

TorchArchive TorchArchive::open(const std::string& path) {
  TorchArchive archive;
  archive.path_ = path;
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) throw TorchArchiveError(path + ": cannot open the file");
    char magic[2] = {0, 0};
    probe.read(magic, 2);
    if (probe.gcount() == 2 && magic[0] == '\x80')
      throw TorchArchiveError(path + ": a legacy torch.save file (before PyTorch 1.6); load and save it again "
                                     "with a newer PyTorch");
    if (probe.gcount() < 2 || magic[0] != 'P' || magic[1] != 'K')
      throw TorchArchiveError(path + ": not a torch.save zip archive");
  }
  std::string pickle;
  try {
    archive.reader_ = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
    if (!archive.reader_->hasRecord("data.pkl")) throw TorchArchiveError(path + ": the archive has no data.pkl");
    auto [data, size] = archive.reader_->getRecord("data.pkl");
    pickle.assign(static_cast<const char*>(data.get()), size);
  } catch (const TorchArchiveError&) {
    throw;
  } catch (const std::exception& error) {
    throw TorchArchiveError(path + ": not a readable torch.save archive (truncated or damaged?): " + first_line(error));
  }
  archive.root_ = Unpickler(pickle.data(), pickle.size(), path).run();
  return archive;
}

at::Tensor TorchArchive::tensor(const PickleValue& value, const std::string& name) const {
  if (value.kind != Kind::Tensor) throw TorchArchiveError(path_ + ": " + name + " is a " + value.describe() + ", not a tensor");
  const TensorRecord& record = value.tensor;
  const std::string record_name = "data/" + record.storage_key;
  at::DataPtr data;
  size_t bytes = 0;
  try {
    std::tie(data, bytes) = reader_->getRecord(record_name);
  } catch (const std::exception& error) {
    throw TorchArchiveError(path_ + ": cannot read the data of " + name + " (record " + record_name +
                            "; truncated or damaged?): " + first_line(error));
  }
  const size_t element = c10::elementSize(record.dtype);
  const int64_t elements = static_cast<int64_t>(bytes / element);
  int64_t extent = record.offset;  // the last element the view touches, +1
  bool empty = false;
  for (size_t i = 0; i < record.sizes.size(); ++i) {
    if (record.sizes[i] == 0) empty = true;
    if (record.sizes[i] < 0 || record.strides[i] < 0)
      throw TorchArchiveError(path_ + ": " + name + " has a negative size or stride");
    extent += (record.sizes[i] - 1) * record.strides[i];
  }
  if (!empty && (record.offset < 0 || extent + 1 > elements || elements < record.storage_elements))
    throw TorchArchiveError(path_ + ": " + name + " " + shape_text(record.sizes) + " lies outside its storage of " +
                            std::to_string(elements) + " elements");
  auto owner = std::make_shared<at::DataPtr>(std::move(data));
  const at::Tensor storage = torch::from_blob(
      owner->get(), {elements}, [owner](void*) {}, torch::TensorOptions().dtype(record.dtype));
  const at::Tensor view = storage.as_strided(record.sizes, record.strides, record.offset);
  // A tensor that is its whole storage, in order (every tensor of a state dict), keeps the record's buffer:
  // no second copy of a 1.3 GB embedding.
  if (record.offset == 0 && view.is_contiguous() && view.numel() == elements) return view;
  return view.clone(at::MemoryFormat::Contiguous);
}

}  // namespace anatomix::published
