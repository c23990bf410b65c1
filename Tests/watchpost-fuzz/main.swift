import Foundation

do {
    let command = try FuzzCommand(arguments: Array(CommandLine.arguments.dropFirst()))
    exit(try command.run() ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("watchpost-fuzz: \(error)\n".utf8))
    exit(2)
}
