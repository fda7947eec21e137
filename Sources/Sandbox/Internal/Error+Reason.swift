import Foundation
import NIOCore

extension Error {
    /// The system's own short reason for a failure, such as "not a directory" or "address already in
    /// use", to end one of ``SandboxError``'s sentences. Foundation's descriptions are full sentences
    /// of their own ("The operation could not be completed. …") and NIO's name internal calls, so the
    /// underlying errno is preferred wherever one can be found.
    var systemReason: String {
        if let ioError = self as? IOError {
            return Self.describe(errno: ioError.errnoCode)
        }
        let nsError = self as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Self.describe(errno: Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain {
            return Self.describe(errno: Int32(nsError.code))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileWriteFileExistsError: return "a file is in the way of a folder"
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on the device"
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
            default: break
            }
        }
        var text = nsError.localizedDescription
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func describe(errno code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
