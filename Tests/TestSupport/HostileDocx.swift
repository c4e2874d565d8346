import Foundation
import ZIPFoundation

/// Files named .docx that are not what a 申报书 is, made the way an attacker or an accident
/// makes them: intake must refuse each with one clear line, and write nothing.
public enum HostileDocx {
    /// A zip package of the given parts (path → bytes), deflated.
    public static func package(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static let contentTypes = Data("""
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """.utf8)

    static func document(_ xml: String) throws -> Data {
        try package([("[Content_Types].xml", contentTypes), ("word/document.xml", Data(xml.utf8))])
    }

    /// Every kind, by a name that says what it is.
    public static func all() throws -> [(name: String, data: Data)] {
        [
            ("not-a-zip", Data("这不是 Word 文档，只是改了扩展名的文本。\n".utf8)),
            ("zip-bomb", try bomb(lying: false)),
            ("zip-bomb-lying-sizes", try bomb(lying: true)),
            ("entity-expansion", try document("""
                <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>
                """)),
            ("entity-after-long-comment", try document("<?xml version=\"1.0\"?><!--" + String(repeating: "x", count: 10_000) + "-->"
                + "<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>")),
            ("fifty-megabytes", fiftyMegabytes()),
            ("no-document-part", try package([("[Content_Types].xml", contentTypes), ("word/styles.xml", Data("<w:styles/>".utf8))])),
            ("damaged-xml", try document("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>单位名称")),
            ("tables-nested-deep", try document("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + String(repeating: "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>单位名称</w:t></w:r></w:p>", count: 100_000)
                + String(repeating: "</w:tc></w:tr></w:tbl>", count: 100_000) + "</w:body></w:document>")),
            ("truncated-zip", Data(try document("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>").prefix(60))),
        ]
    }

    /// A main part of 64 MB of one character, deflated to a few dozen kilobytes. With `lying`,
    /// the headers claim it unpacks to 1 kB.
    static func bomb(lying: Bool) throws -> Data {
        let body = Data(repeating: 0x20, count: 64 << 20)
        var data = try package([("[Content_Types].xml", contentTypes), ("word/document.xml", body)])
        guard lying else { return data }
        // Every header's uncompressed size of the big part (local at +22, central at +24) set to 1024.
        let size = UInt32(body.count)
        let little = withUnsafeBytes(of: size.littleEndian) { Data($0) }
        let claim = withUnsafeBytes(of: UInt32(1024).littleEndian) { Data($0) }
        var from = data.startIndex
        while let found = data.range(of: little, in: from..<data.endIndex) {
            data.replaceSubrange(found, with: claim)
            from = found.upperBound
        }
        return data
    }

    /// 50 MB that starts like a zip package: refused by its size before it is read.
    static func fiftyMegabytes() -> Data {
        var data = Data([0x50, 0x4B, 0x03, 0x04])
        data.append(Data(repeating: 0, count: 50 << 20))
        return data
    }
}
