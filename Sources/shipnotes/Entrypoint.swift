import ShipNotesCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct Entrypoint {
    static func main() async {
        exit(await ShipNotesCommand.run())
    }
}
