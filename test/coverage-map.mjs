// Which source files each test file counts towards. The process tests spawn the service as a separate program
// that compiles the sources its own way; merging that coverage with the in-process tests' garbles the report,
// so they count towards none. Every other test counts towards whatever it loads ([] is tap's default).
export default (testFile) => (testFile.startsWith('test/process/') ? null : [])
