// The UI strings under locales/ are compiled in; a new .ftl file or language folder must
// trigger a rebuild too, not only an edit of an existing one.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
