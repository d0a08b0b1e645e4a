"""Scraped-page texts (written for these tests) that more than one test module reads."""

SWAP = ("Prisoners swapped in Gulf-brokered deal\nSign up for our newsletter\n"
        "KYIV, Jan 3 (Reuters) - Russia and Ukraine exchanged hundreds of prisoners of war on Wednesday in the "
        "largest swap since the war began, after mediation by a Gulf state, officials in both countries said.\n"
        "The Gulf state's foreign ministry thanked both sides for their cooperation and said it would continue "
        "its efforts to bring more captives home.\n"
        "Hours before the exchange, Russian missiles struck Kharkiv and Kyiv, wounding dozens of people, "
        "Ukrainian officials said.\n"
        "Kyiv's mayor, Vitali Klitschko, urged residents to stay in shelters.\n"
        "Related coverage\nLive: war updates\nComments are closed.\n")

KENYA = ("Police fire on protesters storming parliament\nBreaking | Kenya\n"
         "NAIROBI, June 25 (Reuters) - Kenyan police opened fire on protesters who stormed parliament in "
         "Nairobi on Tuesday as lawmakers passed a tax bill, killing at least five people, witnesses said.\n"
         "Part of the building was set on fire. A doctors' association said its members had treated more than "
         "30 people for gunshot wounds.\n"
         "President William Ruto called the storming of parliament treasonous and said the government would "
         "use all its resources to stop the violence in the capital.\n"
         "Amnesty International Kenya accused police of using live ammunition against peaceful demonstrators. "
         "The United States and Britain urged restraint.\n"
         "The protests, led largely by young people, began last week against proposed tax increases. "
         "Opposition leader Raila Odinga called for dialogue.\n"
         "Read more\nKenya shilling slips against dollar\n")
