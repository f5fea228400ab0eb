from tracks.cli import main

main()
