import Testing
@testable import Sandbox

@Suite struct HeaderParametersTests {
    @Test(arguments: [
        ("form-data; name=\"ipa\"; filename=\"App.ipa\"", "form-data", ["name": "ipa", "filename": "App.ipa"]),
        ("multipart/form-data; boundary=----abc123", "multipart/form-data", ["boundary": "----abc123"]),
        ("Multipart/Form-Data; BOUNDARY=\"a; b\"", "multipart/form-data", ["boundary": "a; b"]),
        ("form-data; name=\"f\"; filename=\"a \\\"q\\\".ipa\"", "form-data", ["name": "f", "filename": "a \"q\".ipa"]),
        ("form-data; name=ipa; filename*=UTF-8''%D0%9F%D0%BE.ipa", "form-data", ["name": "ipa", "filename": "По.ipa"]),
        ("form-data; filename=\"old.ipa\"; filename*=UTF-8''new.ipa", "form-data", ["filename": "new.ipa"]),
        ("form-data;;name", "form-data", [:]),
    ])
    func parsesHeaderParameters(header: String, value: String, parameters: [String: String]) {
        let parsed = HeaderParameters(header)
        #expect(parsed.value == value)
        #expect(parsed.parameters == parameters)
    }
}
