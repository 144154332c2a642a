from handover.cli.entry import main

main()
