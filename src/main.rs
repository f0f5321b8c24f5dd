fn main() {
    println!("quipu");
}
