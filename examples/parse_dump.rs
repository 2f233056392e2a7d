fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    match xuncha::syntax::parse_file(0, &text) {
        Ok(f) => println!("{:#?}", f.items.len()),
        Err(e) => println!("{e:?}"),
    }
}
