import Foundation

/// The fields of an upload, read the way the service reads them.
struct UploadForm {
    var fields: [SandboxFormField]
    var files: [StagedFile]

    /// Why a field's value is not accepted; answered as `{"errors": {field: [message]}}`.
    struct Invalid: Error {
        var field: String
        var message: String
    }

    /// The first value sent for `name`, with surrounding white space removed; nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = fields.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
              !value.isEmpty
        else { return nil }
        return value
    }

    /// The notes exactly as sent (white space matters to Textile and Markdown).
    var notes: String {
        fields.first { $0.name == "notes" }?.value ?? ""
    }

    /// An integer field that must be one of `allowed`, or `defaultValue` when absent.
    func choice(_ name: String, in allowed: Set<Int>, default defaultValue: Int) throws(Invalid) -> Int {
        guard let text = text(name) else { return defaultValue }
        guard let value = Int(text), allowed.contains(value) else {
            throw Invalid(field: name, message: "is not included in the list")
        }
        return value
    }

    /// A boolean field sent as 0/1 or false/true.
    func flag(_ name: String) throws(Invalid) -> Bool {
        switch text(name)?.lowercased() {
        case nil, "0", "false": return false
        case "1", "true": return true
        default: throw Invalid(field: name, message: "is not included in the list")
        }
    }

    /// `strategy`: `add` (the default) refuses a bundle version already stored, `replace` replaces it.
    func replacesExisting() throws(Invalid) -> Bool {
        switch text("strategy") {
        case nil, "add": return false
        case "replace": return true
        default: throw Invalid(field: "strategy", message: "is not included in the list")
        }
    }

    /// The build (an .ipa, .apk or .app.zip sent as `ipa`), told apart from symbols by file name.
    var build: StagedFile? {
        files.first { FileKind.of(fileName: $0.fileName, fieldName: $0.fieldName) == .build }
    }

    /// Whether a `.dSYM.zip` or `mapping.txt` came with the upload.
    var hasSymbols: Bool {
        files.contains { [.dsym, .mapping].contains(FileKind.of(fileName: $0.fileName, fieldName: $0.fieldName)) }
    }
}
