package lang.demo;

public class App {
    public static void main(String[] args) {
        org.slf4j.LoggerFactory.getLogger(App.class).info("hello");
    }
}
